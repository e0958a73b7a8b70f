from stufenweg.cli import main

main()
