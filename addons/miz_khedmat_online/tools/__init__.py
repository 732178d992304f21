"""Pure helpers of the electronic desk (no Odoo import): one-time codes and upload checks."""
