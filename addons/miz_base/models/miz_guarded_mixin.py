from odoo import _, api, models
from odoo.exceptions import UserError

# fields of Odoo's mixins (chatter, activities, followers): never part of a document's record
_MIXIN_PREFIXES = ("message_", "activity_", "website_message", "has_message", "rating_")


class MizGuardedMixin(models.AbstractModel):
    """Write whitelist per state for the documents an audit relies on (requests, steps, letters, referrals…).

    A person (any RPC caller: ``self.env.su`` is false) may

    * never create or write the *protected* fields (``_miz_protected_fields`` and the state field): they are set by
      the document's ``action_*`` methods, which check state and role and then write through ``sudo()``;
    * write any other field while the record is in one of ``_miz_open_states`` (a draft);
    * write only ``_miz_free_fields`` (notes…) in the other states, or what :meth:`_miz_writable_fields` returns.

    Nothing read from the context changes this: ``default_<protected field>`` keys of the caller's context are
    dropped on create. Internal code writes protected fields with ``record.sudo().write(...)`` after its checks.
    """

    _name = "miz.guarded.mixin"
    _description = "Write Whitelist per State"

    _miz_state_field = "state"
    _miz_open_states = ("draft",)
    _miz_protected_fields = frozenset()
    _miz_free_fields = frozenset()

    def _miz_guarded_protected(self):
        # computed fields without an inverse too: Odoo stores what a client writes there until the next recompute
        computed = {
            name for name, field in self._fields.items() if field.compute and field.readonly and not field.inverse
        }
        return set(self._miz_protected_fields) | {self._miz_state_field} | computed

    def _miz_writable_fields(self):
        """Fields a person may write on this record now; ``None`` means all but the protected ones."""
        self.ensure_one()
        if self[self._miz_state_field] in self._miz_open_states:
            return None
        return set(self._miz_free_fields)

    def _miz_field_labels(self, names):
        return "، ".join(sorted(self._fields[name].get_description(self.env)["string"] for name in names))

    @api.model
    def _miz_check_create_vals(self, vals_list):
        if self.env.su:
            return
        protected = self._miz_guarded_protected()
        for vals in vals_list:
            forbidden = protected.intersection(vals)
            if forbidden:
                raise UserError(
                    _(
                        "These fields are set by the document's actions, not typed in: %(fields)s.",
                        fields=self._miz_field_labels(forbidden),
                    )
                )

    def _miz_check_write_vals(self, vals):
        if self.env.su:
            return
        # rights and record rules first: a record the caller may not write at all is an access error
        self.check_access("write")
        names = {name for name in vals if not name.startswith(_MIXIN_PREFIXES)}
        forbidden = self._miz_guarded_protected().intersection(names)
        if forbidden:
            raise UserError(
                _(
                    "These fields change only through the document's actions: %(fields)s.",
                    fields=self._miz_field_labels(forbidden),
                )
            )
        for record in self:
            allowed = record._miz_writable_fields()
            if allowed is None:
                continue
            locked = names - set(allowed)
            if locked:
                raise UserError(
                    _(
                        "In its present state, %(record)s no longer accepts changes to: %(fields)s.",
                        record=record.display_name,
                        fields=self._miz_field_labels(locked),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            protected = self._miz_guarded_protected()
            context = {
                key: value
                for key, value in self.env.context.items()
                if not (key.startswith("default_") and key[len("default_") :] in protected)
            }
            if len(context) != len(self.env.context):
                self = self.with_env(self.env(context=context))  # replaces the context (drops the keys)
            self._miz_check_create_vals(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._miz_check_write_vals(vals)
        return super().write(vals)
