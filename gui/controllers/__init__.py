"""The menus' actions beyond editing: report lifecycle, exporting, exchange, Excel, rollup, signing, the server link.
Each gets the window's services (gui.services), never the window; imports the other gui packages and below.
"""
