"""Tests of residents' accounts."""
