from . import catalog, online, portal, tracking
