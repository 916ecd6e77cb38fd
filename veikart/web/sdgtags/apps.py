from veikart.web.apps import WebApp


class Config(WebApp):
    verbose_name = "Bærekraftsmål"

    def ready(self) -> None:
        from veikart.web.audit import outside
        from veikart.web.sdgtags import services, tasks
        from veikart.web.sdgtags.models import ItemTag
        from veikart.web.strategies.changes import strategy_rebuilt

        # After an import or a restore every item is new: propose SDG tags for them (in the task worker).
        strategy_rebuilt.connect(tasks.propose_after_import, dispatch_uid="veikart.sdgtags.propose")
        # A person's decision changed in a shell or the admin gets an entry in the audit log too; the
        # classifier's proposals and a decision moved onto its item's new row after a restore are no edit.
        outside.watch(ItemTag, lambda tag: tag.strategy_id, services.tag_state, when=services.is_a_persons_decision)
