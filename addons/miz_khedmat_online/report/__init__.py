from . import miz_khedmat_report_receipt
