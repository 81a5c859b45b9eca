"""Data files shipped with casenotes: the seed dataset, icons and desktop integration."""
