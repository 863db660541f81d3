"""Views of the public layer, one module per capability."""
