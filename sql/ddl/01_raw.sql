-- raw: what is on disk and what the extractors made of it. Written by the pipeline only.
create schema if not exists raw;

create table if not exists raw.build_state (
    name  varchar not null,
    value varchar
);
comment on table raw.build_state is 'Grain: one row per piece of bookkeeping that lets a run skip work whose inputs did not change: the reference data digest, and the fingerprint of the inputs each SQL layer was built from and the published copy was made from.';
comment on column raw.build_state.name is 'What is recorded: reference, built:marts, built:analytics, published.';
comment on column raw.build_state.value is 'Its value (a revision id or a fingerprint).';
