# The desk alone exposes no public page: tracking, the catalog and online requests are the electronic desk's
# (miz_khedmat_online), installed by agencies that open it.
