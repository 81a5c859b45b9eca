"""casenotes: a desktop case-notes viewer for cybercrime enforcement records."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("casenotes")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"

APP_NAME = "casenotes"
APP_ID = "io.github.casenotes.Casenotes"  # reverse-DNS id: .desktop, AppStream and Wayland app id
