import Foundation

/// Everything under `content/`, validated: the site and its restaurants (sorted by slug).
package struct SiteContent: Sendable {
    package var site: Site
    package var restaurants: [Restaurant]

    package init(site: Site, restaurants: [Restaurant]) {
        self.site = site
        self.restaurants = restaurants
    }

    package func restaurant(_ slug: String) -> Restaurant? { restaurants.first { $0.slug == slug } }

    /// Looks a slot up by id across restaurants.
    package func slot(_ id: String) -> (restaurant: Restaurant, slot: Slot)? {
        let slug = id.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
        guard let restaurant = restaurant(slug), let slot = restaurant.slots.first(where: { $0.id == id }) else { return nil }
        return (restaurant, slot)
    }
}
