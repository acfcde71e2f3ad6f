"""What the bot keeps: SQLite storage (all the SQL), privacy (scrubbing, hashing), deleting
data on request and exporting misses for curators. Nothing here imports Telegram."""
