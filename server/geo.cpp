#include "geo.h"

#include <cmath>
#include <numbers>

namespace mstore {

namespace {

// The geo crate's MEAN_EARTH_RADIUS, which Qdrant's haversine uses.
constexpr double kMeanEarthRadius = 6371008.8;

double radians(double degrees)
{
    return degrees * std::numbers::pi / 180.0;
}

enum class RingPosition { Inside, Outside, OnBoundary };

bool onSegment(const GeoPoint &a, const GeoPoint &b, const GeoPoint &p)
{
    const double cross = (b.lon - a.lon) * (p.lat - a.lat) - (b.lat - a.lat) * (p.lon - a.lon);
    if (cross != 0)
        return false;
    return p.lon >= std::fmin(a.lon, b.lon) && p.lon <= std::fmax(a.lon, b.lon)
        && p.lat >= std::fmin(a.lat, b.lat) && p.lat <= std::fmax(a.lat, b.lat);
}

RingPosition ringPosition(const std::vector<GeoPoint> &ring, const GeoPoint &p)
{
    if (ring.size() < 2)
        return RingPosition::Outside;
    bool inside = false;
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const GeoPoint &a = ring[i];
        const GeoPoint &b = ring[j];
        if (onSegment(a, b, p))
            return RingPosition::OnBoundary;
        if ((a.lat > p.lat) != (b.lat > p.lat)) {
            const double lonAtLat = (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon;
            if (p.lon < lonAtLat)
                inside = !inside;
        }
    }
    return inside ? RingPosition::Inside : RingPosition::Outside;
}

} // namespace

double haversineMeters(const GeoPoint &a, const GeoPoint &b)
{
    const double theta1 = radians(a.lat);
    const double theta2 = radians(b.lat);
    const double deltaTheta = radians(b.lat - a.lat);
    const double deltaLambda = radians(b.lon - a.lon);
    const double s1 = std::sin(deltaTheta / 2);
    const double s2 = std::sin(deltaLambda / 2);
    const double h = s1 * s1 + std::cos(theta1) * std::cos(theta2) * s2 * s2;
    // Rounding can push h a hair above 1 for antipodal points; asin would return NaN.
    return 2 * std::asin(std::fmin(1.0, std::sqrt(h))) * kMeanEarthRadius;
}

bool inBoundingBox(const GeoPoint &topLeft, const GeoPoint &bottomRight, const GeoPoint &p)
{
    const bool lonOk = topLeft.lon > bottomRight.lon
        ? (p.lon > topLeft.lon || p.lon < bottomRight.lon)
        : (topLeft.lon < p.lon && p.lon < bottomRight.lon);
    const bool latOk = bottomRight.lat < p.lat && p.lat < topLeft.lat;
    return lonOk && latOk;
}

bool inPolygon(const std::vector<GeoPoint> &exterior,
    const std::vector<std::vector<GeoPoint>> &interiors, const GeoPoint &p)
{
    if (ringPosition(exterior, p) != RingPosition::Inside)
        return false;
    for (const std::vector<GeoPoint> &hole : interiors) {
        if (ringPosition(hole, p) != RingPosition::Outside)
            return false;
    }
    return true;
}

} // namespace mstore
