"""Public pages served from memory to anonymous visitors, dropped the moment any data changes.

Citizens reading a published strategy are most of the traffic and all see the
same page, so the answer to an anonymous GET of a page that opts in
(``@public_page``) is kept per process and reused until the data changes.

"The data changes" is found at the one place every write passes: each
database connection gets an execute wrapper that notices INSERT, UPDATE and
DELETE statements (from the ORM, bulk operations, raw SQL, the admin, the
shell and management commands alike) and, once the transaction commits,
bumps a single generation counter in the database (``Generation``). A cached
page is filed under the generation it was rendered in, so a request reads the
counter (one primary-key lookup) and either finds the page of the current
generation or renders it again. Writes that change no page (sessions, login
attempts, job heartbeats, the task queue) are ignored, so they do not empty
the cache. A page also expires after ``VEIKART_PAGE_CACHE_SECONDS`` as a
backstop for writes made outside Django.

Only visitors with no session are served from the cache: signed-in users see
drafts, forms and their own names, and always get a freshly rendered page.
"""
