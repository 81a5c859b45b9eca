"""The Qt user interface. It calls the store and never writes SQL itself."""
