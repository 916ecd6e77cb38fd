from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "veikart.web.search"
    label = "search"
    verbose_name = "Søk og lignende planer"

    def ready(self) -> None:
        # Index the planning app's measures and indicators when it is installed
        # (registered here, so the strategies and planning apps need not know search).
        from veikart.web.search import collect, indexing
        from veikart.web.semantic import store

        collect.register_optional_collectors()
        # The texts the embedding job gives vectors to: those of the index rows.
        store.register_source(indexing.texts_without_vectors)
