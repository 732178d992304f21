from . import miz_khedmat_request
