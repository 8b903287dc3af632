"""The public reader site: pages (``views``), what they show (``pages``, ``queries``,
``paths``), conditional GET (``freshness``), the sitemap and the URLs."""
