-- Init file for the DuckDB CLI:
--   duckdb -readonly -init sql/cli_init.sql data/warehouse/warehouse.duckdb
-- (-readonly lets the nightly build publish a new warehouse while you keep this session open.)
-- duckbox: DuckDB's box mode; fits the terminal, wraps long text (the comments), shows column types.
.mode duckbox
.maxrows 40
.nullvalue NULL

-- Helpers live in the session's temp catalog: nothing is written to the warehouse file.
create or replace temp macro objects(schema_filter := '%') as table
    select schema_name as "schema", table_name as "name", 'table' as kind, comment
    from duckdb_tables() where schema_name like schema_filter and not temporary
    union all
    select schema_name, view_name, 'view', comment
    from duckdb_views() where schema_name like schema_filter and not internal and not temporary
    order by 1, 2;
create or replace temp macro columns_of(object_name) as table
    select column_name as "column", data_type as "type", comment
    from duckdb_columns()
    where schema_name || '.' || table_name = object_name or table_name = object_name
    order by column_index;

.print ""
.print "Government information-disclosure annual reports (政府信息公开工作年度报告) warehouse"
.print "  analytics  views for trends: start here            from objects(schema_filter := 'analytics');"
.print "  marts      dim_* (report, agency, region, year, code) and fct_* (requests, review_litigation,"
.print "             active_disclosure, checks), parse_issues, quarantine"
.print "  staging    the parser output per report;  raw  files, extracted documents, runs"
.print "Every table, view and column has a comment:"
.print "  from objects();                                   all tables and views with their grain"
.print "  from columns_of('analytics.outcome_mix');         what each column means"
.print "  from analytics.disclosure_rate_by_year;           a first trend"
.print "NULL means unknown (the report gives no number), never 0. Examples: docs/queries.md"
.print ""
.timer on
