import Foundation

/// Everything under `content/`, validated: the site and its restaurants (sorted by slug).
public struct SiteContent: Sendable {
    public var site: Site
    public var restaurants: [Restaurant]

    public init(site: Site, restaurants: [Restaurant]) {
        self.site = site
        self.restaurants = restaurants
    }

    public func restaurant(_ slug: String) -> Restaurant? { restaurants.first { $0.slug == slug } }

    /// Looks a slot up by id across restaurants.
    public func slot(_ id: String) -> (restaurant: Restaurant, slot: Slot)? {
        let slug = id.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
        guard let restaurant = restaurant(slug), let slot = restaurant.slots.first(where: { $0.id == id }) else { return nil }
        return (restaurant, slot)
    }
}
