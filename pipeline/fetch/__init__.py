"""Nightly ingestion: fetch new and changed annual reports from agencies' 政府信息公开年报 columns
into the raw folder, politely, with the URL of each file recorded (no Dagster imports here)."""
