# LOCAL DEV STUB - not committed
def load_timeline(store):
    return None
