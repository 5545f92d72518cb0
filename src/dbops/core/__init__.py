"""The pure core: data in, data out. Nothing here reads files, the network or the clock."""
