"""Dagster definitions, one concern per module: resources, assets, checks, automation."""
