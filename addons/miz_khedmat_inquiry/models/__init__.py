from . import miz_inquiry_type
from . import miz_inquiry_request
from . import miz_inquiry_inbound
from . import miz_khedmat_service
from . import miz_khedmat_request
