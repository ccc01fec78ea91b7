import ArgumentParser
import DutchLandscape
import Foundation
import GLPK
import Placement
import PlacementIO
import PlacementModel
import SafeWrite

/// `careplace value --new-team … | --new-service … [--candidates FILE]`.
extension ValueCommand {
    /// `careTypes=A,B,caseload=N,maxTravelKm=K` or
    /// `careTypes=A,mode=residential|day,capacity=N[,secure=true]`: a word
    /// without `=` continues the list before it.
    static func parseSite(_ text: String, team: Bool) throws -> SiteValuation.Site {
        var values: [String: [String]] = [:]
        var last: String?
        for token in text.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) where !token.isEmpty {
            if let eq = token.firstIndex(of: "=") {
                let key = String(token[..<eq])
                values[key, default: []].append(String(token[token.index(after: eq)...]))
                last = key
            } else if let last {
                values[last, default: []].append(token)
            }
        }
        let option = team ? "--new-team" : "--new-service"
        let allowed: Set<String> = team ? ["careTypes", "caseload", "maxTravelKm"] : ["careTypes", "mode", "capacity", "secure", "maxTravelKm"]
        if let unknown = values.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw ValidationError("\(option): unknown key \"\(unknown)\"; expected \(allowed.sorted().joined(separator: ", "))")
        }
        let types = (values["careTypes"] ?? []).flatMap { $0.split(separator: "|").map { CareTypeID(String($0)) } }
        guard !types.isEmpty else { throw ValidationError("\(option): no careTypes; expected careTypes=A[,B…]") }
        let countKey = team ? "caseload" : "capacity"
        guard let count = values[countKey]?.first.flatMap({ Int($0) }), (1...Limits.capacity.upperBound).contains(count) else {
            throw ValidationError("\(option): \(countKey) is \(values[countKey]?.first ?? "missing"); expected a whole number from 1 to \(Limits.capacity.upperBound)")
        }
        var km: Double?
        if let text = values["maxTravelKm"]?.first {
            guard let value = Double(text), value > 0, value.isFinite else { throw ValidationError("\(option): maxTravelKm is \(text); expected a distance in km > 0") }
            km = value
        }
        if team { return SiteValuation.Site(careTypes: types, mode: .outreach, capacity: count, maxTravelKm: km) }
        let modeText = values["mode"]?.first ?? "residential"
        guard let mode = ServiceMode(rawValue: modeText), mode != .outreach else {
            throw ValidationError("\(option): mode is \(values["mode"]?.first ?? ""); expected residential or day")
        }
        let secure = values["secure"]?.first
        guard secure == nil || secure == "true" || secure == "false" else { throw ValidationError("\(option): secure is \(secure ?? ""); expected true or false") }
        return SiteValuation.Site(careTypes: types, mode: mode, capacity: count, secure: secure == "true", maxTravelKm: km)
    }

    /// The candidate bases: `--candidates FILE` (id, lat, lon, region), or
    /// the interior points of the 342 Dutch municipalities.
    func candidates(for landscape: Landscape) throws -> [SiteValuation.Candidate] {
        let regions = Set(landscape.regions.map(\.id))
        guard let file = candidatesFile else {
            let ids = Dictionary(uniqueKeysWithValues: DutchGeography.regions.map { ($0.code, $0.id) })
            let found = DutchGeography.municipalities.compactMap { m -> SiteValuation.Candidate? in
                guard let id = ids[m.region], regions.contains(RegionID(id)) else { return nil }
                return SiteValuation.Candidate(id: m.code, location: GeoPoint(lat: m.lat, lon: m.lon), region: RegionID(id))
            }
            guard !found.isEmpty else {
                throw CLIError.badInput("the landscape's regions are not the Dutch youth-care regions; give --candidates FILE (id, lat, lon, region)")
            }
            return found
        }
        do {
            return try CandidatesReader.read(file, regions: regions)
        } catch {
            throw CLIError.badInput(error.description)
        }
    }

    /// Site mode: the candidates ranked (new-site-value.csv, `--geojson`),
    /// and with `--greedy K` K sites opened one after another
    /// (new-site-greedy.csv); the GeoJSON written after the folder's files.
    func runSites(_ read: PlacementInput, site: SiteValuation.Site, threads: Int, protecting inputPaths: [String]) throws {
        let all = try candidates(for: read.landscape)
        let report = try newSites(read, site: site, candidates: all, threads: threads)
        var files = [("new-site-value.csv", report.csv)]
        var greedyText = ""
        if let greedy {
            let (csv, text) = try openedOneAfterAnother(greedy, read, site: site, candidates: all, first: report, threads: threads)
            files.append(("new-site-greedy.csv", csv))
            greedyText = text
        }
        try writeFiles(files, protecting: inputPaths)
        if let geojson {
            do {
                try OutputWriter.write(file: geojson, protecting: inputPaths) { try report.geojson.write(toFile: $0, atomically: false, encoding: .utf8) }
            } catch {
                throw CLIError.failure(String(describing: error))
            }
        }
        print(report.text(top: top), terminator: "")
        print(greedyText, terminator: "")
        print("written: " + files.map { "\(out)/\($0.0)" }.joined(separator: ", ") + (geojson.map { ", \($0)" } ?? ""))
    }

    /// K sites opened one after another, each at the candidate whose site
    /// helps most with the ones before open (each ranking exact, as the
    /// first): the cumulative gain shows the returns diminish.
    func openedOneAfterAnother(
        _ k: Int, _ read: PlacementInput, site: SiteValuation.Site, candidates: [SiteValuation.Candidate], first: NewSiteReport, threads: Int
    ) throws -> (String, String) {
        var input = read, left = candidates, report = first
        var lines = ["step,candidate,region,gain,cumulative"]
        var text = "\(k) sites opened one after another, each where it helps most then:\n"
        var total = 0.0
        for step in 1...k {
            if step > 1 { report = try newSites(input, site: site, candidates: left, threads: threads) }
            guard let best = report.ranked.first, let change = best.change, change.objectiveDelta < -1e-9 else {
                text += "  \(step): no further site helps\n"
                break
            }
            total += change.objectiveDelta
            let c = best.candidate
            lines.append(
                [String(step), PlanReport.csvField(c.id), PlanReport.csvField(c.region.rawValue), PlanReport.fixed(change.objectiveDelta, 6),
                 PlanReport.fixed(total, 6)].joined(separator: ","))
            text += "  \(step): \(c.id) (\(c.region.rawValue))  \(PlanReport.fixed(change.objectiveDelta, 2))  (in all \(PlanReport.fixed(total, 2)))\n"
            // opened: in the landscape with its places, out of the candidates
            var (opened, ids) = SiteValuation.extended(input.landscape, site: site, candidates: [c])
            if let s = opened.services.firstIndex(where: { $0.id == ids[0] }) { opened.services[s].capacity = site.capacity }
            input.landscape = opened
            left.removeAll { $0.id == c.id }
            if left.isEmpty { break }
        }
        return (lines.joined(separator: "\n") + "\n", text)
    }

    /// The candidates ranked: new-site-value.csv, its GeoJSON and the terminal's top N.
    func newSites(_ read: PlacementInput, site: SiteValuation.Site, candidates: [SiteValuation.Candidate], threads: Int) throws -> NewSiteReport {
        let progress = isatty(STDERR_FILENO) == 1 ? ProgressLine("new sites", unit: "candidates").report : nil
        let (base, values): (PlanTotals, [SiteValuation.Value])
        do {
            (base, values) = try SiteValuation(planner: Planner(solver: GLPKSolver()))
                .values(landscape: read.landscape, cases: read.cases, site: site, candidates: candidates, jobs: threads, progress: progress)
        } catch let clash as SiteValuation.SiteClash {
            throw CLIError.badInput(clash.description)
        } catch let error as InfeasiblePlanError {
            throw CLIError(message: error.description, exitCode: CLIError.infeasibleCode)
        } catch {
            throw CLIError.failure(String(describing: error))
        }
        if progress != nil { FileHandle.standardError.write(Data("\n".utf8)) }
        return NewSiteReport(values: values, landscape: read.landscape, base: base)
    }
}
