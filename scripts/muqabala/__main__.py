from muqabala.cli import main

main()
