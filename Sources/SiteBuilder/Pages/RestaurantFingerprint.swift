import YeyakContent

/// Fingerprints of the inputs of each page, so unchanged pages are not even rendered.
enum InputFingerprint {
    /// What every page depends on: templates, site settings, link style, and the version of the
    /// view models' output (bumped when they change what pages say: 2 = one day's times at a time).
    static func base(templates: String, site: Site, fileLinks: Bool) -> Fingerprint {
        var hash = Fingerprint()
        for part in ["yeyak-site-2", templates, site.title, site.tagline ?? "", site.baseURL.absoluteString,
                     site.serviceURL.absoluteString, site.tossClientKey, site.tossSDKURL.absoluteString,
                     site.timeZone.identifier, fileLinks ? "file-links" : "pretty-links"] {
            hash.add(part)
        }
        return hash
    }

    /// A restaurant's pages depend on its fields and on which slots are still upcoming.
    static func restaurant(_ r: Restaurant, upcoming: [Slot], base: Fingerprint) -> Fingerprint {
        var hash = base
        for part in [r.slug, r.name, r.category ?? "", r.description, r.address, r.phone, r.kind.rawValue] { hash.add(part) }
        hash.add(r.refundPolicy.fullRefundHoursBefore)
        hash.add(r.refundPolicy.penaltyPercent)
        for image in r.images {
            hash.add(image.src)
            hash.add(image.alt)
        }
        for table in r.tables {
            hash.add(table.id)
            hash.add(table.name)
            hash.add(table.seats)
            hash.add(table.depositPerPerson)
        }
        hash.add(upcoming.count)
        for slot in upcoming {
            hash.add(slot.id)
            hash.add(slot.capacity)
        }
        return hash
    }
}
