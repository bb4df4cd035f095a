"""Run the pipeline in order and swap the finished site into place: the only stage that writes output."""

from __future__ import annotations

# CONTRACT (fixed; owners fill in the modules):
#   articles, problems = ingest.read_articles(config.source)                    # files -> Article
#   articles, mentions = extract.extract_all(articles, config)                  # DCT + find_mentions, cached
#   events             = events.build_events(articles, mentions)                # dated sentences + reports
#   editorial, probs   = editorial.read_editorial(config.source / "editorial.yaml")
#   entries, probs     = merge.merge_events(events, articles, editorial)        # same event -> one entry
#   timeline           = timeline.build_timeline(entries, articles, problems)   # ordered, grouped
#   files              = render.render_site(timeline, config)                   # {relative path: bytes}
#   write_site(files, config.output)                                            # atomic swap
