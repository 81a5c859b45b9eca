"""The performance benchmark of issue 8: generated stores, measurements, the report (``make bench``)."""
