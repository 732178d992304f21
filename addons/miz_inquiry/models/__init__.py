from . import miz_agency
from . import miz_inquiry_type
from . import miz_inquiry_partner
from . import miz_inquiry_message
from . import miz_inquiry_inbound
from . import miz_inquiry_request
from . import miz_secretariat_letter
