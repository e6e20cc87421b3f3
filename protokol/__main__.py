from protokol.cli import main

main()
