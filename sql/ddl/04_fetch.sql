-- raw: what the fetch step (python -m pipeline fetch, or the raw/fetched asset) downloaded and
-- every request it made, loaded from the records it keeps in <raw folder>/<source>/.fetch/.
create schema if not exists raw;

create table if not exists raw.fetch_log (
    source           varchar not null,
    source_path      varchar not null,
    url              varchar not null,
    final_url        varchar,
    kind             varchar,
    found_on         varchar,
    etag             varchar,
    last_modified    varchar,
    content_type     varchar,
    sha256           varchar,
    bytes            bigint,
    first_fetched_at timestamp,
    fetched_at       timestamp,
    checked_at       timestamp
);
comment on table raw.fetch_log is 'Grain: one row per file under the raw folder that was fetched from the web (the latest fetch of it): where it came from. Reloaded on every build from the .fetch/files.json records.';
comment on column raw.fetch_log.source is 'The source''s name in the sources file (its folder under the raw folder).';
comment on column raw.fetch_log.source_path is 'Path of the saved file relative to the raw folder (joins raw.files and marts.dim_report).';
comment on column raw.fetch_log.url is 'URL the file was linked as (a report page, or an attachment of one).';
comment on column raw.fetch_log.final_url is 'URL that answered, after same-host HTTP redirects.';
comment on column raw.fetch_log.kind is 'page (a report page, saved as served) or attachment (pdf, doc, docx, wps, xls, xlsx, ofd).';
comment on column raw.fetch_log.found_on is 'The list page (for a report page) or report page (for an attachment) that linked to it.';
comment on column raw.fetch_log.etag is 'ETag of the last full response: sent back as If-None-Match.';
comment on column raw.fetch_log.last_modified is 'Last-Modified of the last full response: sent back as If-Modified-Since.';
comment on column raw.fetch_log.content_type is 'Content-Type as served.';
comment on column raw.fetch_log.sha256 is 'SHA-256 of the bytes saved; marts.dim_report.source_url is set only while the file still has these bytes.';
comment on column raw.fetch_log.bytes is 'Size of the saved file.';
comment on column raw.fetch_log.first_fetched_at is 'When the file was first saved (UTC).';
comment on column raw.fetch_log.fetched_at is 'When its current bytes were saved (UTC).';
comment on column raw.fetch_log.checked_at is 'When the site last confirmed it (304 or same bytes) or served it (UTC).';

create table if not exists raw.fetch_requests (
    run_id       varchar not null,
    source       varchar not null,
    url          varchar not null,
    kind         varchar,
    attempt      integer,
    status       integer,
    bytes        bigint,
    sha256       varchar,
    requested_at timestamp,
    elapsed_ms   bigint,
    conditional  boolean,
    error        varchar
);
comment on table raw.fetch_requests is 'Grain: one row per HTTP request the fetch step made (robots.txt, list pages, report pages, attachments, each retry). Accumulates across runs; the raw folder keeps the last 60 runs'' logs.';
comment on column raw.fetch_requests.run_id is 'The fetch run (UTC start time).';
comment on column raw.fetch_requests.source is 'The source being crawled.';
comment on column raw.fetch_requests.url is 'URL requested (each redirect hop is its own request).';
comment on column raw.fetch_requests.kind is 'robots, list, page or attachment.';
comment on column raw.fetch_requests.attempt is '1 for the first try, 2.. for retries after a 429, 5xx or network error.';
comment on column raw.fetch_requests.status is 'HTTP status; NULL when no answer came (time-out, refused connection).';
comment on column raw.fetch_requests.bytes is 'Body bytes received (0 for 304 and errors; up to the limit for a refused oversized body).';
comment on column raw.fetch_requests.sha256 is 'SHA-256 of the complete body; NULL when there was none.';
comment on column raw.fetch_requests.requested_at is 'When the request started (UTC).';
comment on column raw.fetch_requests.elapsed_ms is 'Milliseconds from the request to the last byte read.';
comment on column raw.fetch_requests.conditional is 'Whether If-None-Match / If-Modified-Since was sent.';
comment on column raw.fetch_requests.error is 'Why the request gave nothing usable: HTTP status, time-out, size limit, ...; NULL when it did.';
