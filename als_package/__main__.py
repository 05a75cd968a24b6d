from als_package.cli import main

main()
