#pragma once

#include <vector>

namespace mstore {

/// A point on Earth in degrees, as Qdrant's GeoPoint payload {"lon": ..., "lat": ...}.
struct GeoPoint
{
    double lon = 0;
    double lat = 0;
};

/// Great-circle distance in meters (haversine, mean Earth radius), as Qdrant's geo_radius.
double haversineMeters(const GeoPoint &a, const GeoPoint &b);

/// Qdrant's geo_bounding_box test: strictly inside; a box whose top_left lon is east of its
/// bottom_right lon crosses the antimeridian.
bool inBoundingBox(const GeoPoint &topLeft, const GeoPoint &bottomRight, const GeoPoint &p);

/// Qdrant's geo_polygon test: strictly inside the exterior ring and outside every hole; points
/// on any ring count as outside. Rings are closed (first point == last point).
bool inPolygon(const std::vector<GeoPoint> &exterior,
    const std::vector<std::vector<GeoPoint>> &interiors, const GeoPoint &p);

} // namespace mstore
