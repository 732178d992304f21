from . import miz_khedmat_service
from . import miz_khedmat_audit_collector
from . import miz_audit
