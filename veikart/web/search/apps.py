from veikart.web.apps import WebApp


class Config(WebApp):
    verbose_name = "Søk og lignende planer"

    def ready(self) -> None:
        from veikart.web.planning.signals import plan_changed
        from veikart.web.search import collect, facade, indexing
        from veikart.web.semantic import store
        from veikart.web.strategies.changes import strategy_changed

        collect.register_collector(collect.planning_entries)  # measures and indicators are found too
        # The texts the embedding job gives vectors to: those of the index rows.
        store.register_source(indexing.texts_without_vectors)
        # The index follows every change, in the change's transaction.
        strategy_changed.connect(facade.on_strategy_changed, dispatch_uid="veikart.search.strategy")
        plan_changed.connect(facade.on_plan_changed, dispatch_uid="veikart.search.plan")
