from draftgen.console import main

main()
