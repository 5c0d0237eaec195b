"""Gazetteer and geocoder: Arabic place mentions to coordinates, admin areas and GeoNames ids."""

from __future__ import annotations

from rasd.geo.gazetteer import Gazetteer, Place, load_gazetteer
from rasd.geo.geocode import Geocoder, PlaceMention, load_geocoder

__all__ = ["Gazetteer", "Geocoder", "Place", "PlaceMention", "load_gazetteer", "load_geocoder"]
