-- The layers SQL models write into (each model file creates or replaces its own object).
create schema if not exists marts;
create schema if not exists analytics;
