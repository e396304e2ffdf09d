from kg_build.cli import main

main()
