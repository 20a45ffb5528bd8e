# Image files that are broken in different ways, made here rather than shipped.
mkdir -p afbeeldingen
# a PNG cut off after its header
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\020\000\000\000\020\010\002\000\000\000' > afbeeldingen/kapot.png
# a PNG whose header claims 100000 x 100000 pixels
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\001\206\240\000\001\206\240\010\002\000\000\000\000\000\000\000' > afbeeldingen/reus.png
echo 'dit is geen afbeelding' > afbeeldingen/tekst.jpg
printf '\377\330\377\340\000\020JFIF\000' > afbeeldingen/kapot.jpg
printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect' > afbeeldingen/kapot.svg
