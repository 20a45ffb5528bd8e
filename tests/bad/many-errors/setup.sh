# interventies.xml of 4 MiB of '&': libxml2 reports every one, and would have made millions
# of messages; the parser stops after 50, and a line's repetitions are said once.
{
  printf '<interventies>\n'
  head -c 4194304 /dev/zero | tr '\0' '&'
  printf '</interventies>\n'
} >interventies.xml
