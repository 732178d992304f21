from . import miz_khedmat_inquiry_waive
