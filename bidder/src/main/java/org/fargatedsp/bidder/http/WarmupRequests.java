package org.fargatedsp.bidder.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fargatedsp.bidder.notice.NoticeSigner;

/**
 * The requests the warm-up sends. Mostly bid requests of the shapes exchanges send (site and app banners, video,
 * native, deals, 2.5 requests with consent and supply chain in {@code ext}, 2.6 ones with them at the top level,
 * block lists), each in many variants of size, country, device, floor and block list, so that the JIT's profiles
 * of the decoder, the index and the writer look like real traffic's and are not thrown away when it arrives; and,
 * one in {@value #OTHER_EVERY}, every other path real traffic takes ({@link WarmupPaths}).
 */
final class WarmupRequests {
    private static final String[] SIZES = {"300,250", "728,90", "320,50", "160,600", "300,600", "970,250",
        "320,480", "468,60", "336,280", "301,251"};
    private static final String[] COUNTRIES = {"USA", "GBR", "DEU", "FRA", "CAN", "JPN", "BRA", "AUS", "IND", "ESP"};
    private static final String[] OSES = {"iOS", "Android", "Windows", "macOS", "Linux"};
    private static final String[] CATEGORIES = {"IAB1", "IAB2", "IAB3", "IAB9", "IAB12", "IAB17", "IAB19",
        "IAB20-3", "IAB25", "IAB26"};
    private static final String[] FLOORS = {"0.01", "0.05", "0.1", "0.25", "0.5", "1.0", "1.75", "2.5", "4", "12.5"};

    /** One request in this many is not a plain bid request. */
    static final int OTHER_EVERY = 8;

    private WarmupRequests() {}

    /**
     * {@code count} requests that keep their connection open, seeded so every start sends the same ones; notices
     * carry tokens of {@code signer} with {@code nowMillis} as their bid time.
     */
    static List<WarmupRequest> http(int count, long nowMillis, NoticeSigner signer) {
        SplittableRandom random = new SplittableRandom(20261122L);
        List<WarmupRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (i % OTHER_EVERY == OTHER_EVERY - 1) {
                int other = i / OTHER_EVERY;
                requests.add(WarmupPaths.keepAlive(other, other / WarmupPaths.KINDS, nowMillis, signer));
            } else {
                byte[] json = body(i, random).getBytes(StandardCharsets.UTF_8);
                requests.add(WarmupRequest.bid(WarmupRequest.post("/openrtb2/bid", json, i % 3 == 0 ? "2.5" : "2.6")));
            }
        }
        return requests;
    }

    static String body(int i, SplittableRandom r) {
        String[] size = pick(r, SIZES).split(",");
        String country = pick(r, COUNTRIES);
        String floor = pick(r, FLOORS);
        String cat = pick(r, CATEGORIES);
        String bcat = r.nextInt(3) == 0 ? ",\"bcat\":[\"" + pick(r, CATEGORIES) + "\",\"IAB26\"]" : "";
        String badv = r.nextInt(4) == 0 ? ",\"badv\":[\"blocked.example\",\"other.example\"]" : "";
        String id = "warmup-" + i;
        return switch (i % 7) {
            case 0 -> """
                    {"id":"%s","at":1,"tmax":120,"cur":["USD"],"imp":[{"id":"1","tagid":"top","bidfloor":%s,\
                    "bidfloorcur":"USD","secure":1,"banner":{"w":%s,"h":%s,"pos":1,"battr":[1,3],\
                    "format":[{"w":%s,"h":%s},{"w":300,"h":250}]}}],"site":{"id":"s%d","name":"News",\
                    "domain":"news%d.example.com","cat":["%s"],"page":"https://news.example.com/a?b=%d",\
                    "publisher":{"id":"p1","name":"Publisher \\u00e9"},"content":{"language":"en","keywords":"x,y"}},\
                    "device":{"ua":"Mozilla/5.0 (Windows NT 10.0; Win64; x64)","ip":"192.0.2.%d","devicetype":2,\
                    "os":"%s","language":"en","geo":{"country":"%s","lat":%d.25,"lon":-%d.5,"type":2}},\
                    "user":{"id":"u%d","buyeruid":"b%d","data":[{"id":"d","segment":[{"id":"s1"},{"id":"s2"}]}]},\
                    "regs":{"coppa":0},"source":{"tid":"t%d","ext":{"schain":{"complete":1,"ver":"1.0",\
                    "nodes":[{"asi":"exchange.example","sid":"1","hp":1}]}}}%s%s}"""
                    .formatted(id, floor, size[0], size[1], size[0], size[1], i, i % 50, cat, i, i % 250,
                            pick(r, OSES), country, i % 80, i % 120, i, i, i, bcat, badv);
            case 1 -> """
                    {"id":"%s","imp":[{"id":"1","bidfloor":%s,"banner":{"w":%s,"h":%s}},{"id":"2","instl":1,\
                    "banner":{"format":[{"w":320,"h":480}]}}],"app":{"id":"a%d","bundle":"com.example.app%d",\
                    "cat":["%s"],"publisher":{"id":"p2"}},"device":{"devicetype":4,"os":"%s","osv":"17.1",\
                    "ifa":"AA000DFE-%08d","lmt":0,"geo":{"country":"%s"}},"user":{"ext":{"consent":"CPc%d"}},\
                    "regs":{"ext":{"gdpr":%d}}%s%s}"""
                    .formatted(id, floor, size[0], size[1], i, i % 40, cat, r.nextBoolean() ? "iOS" : "Android",
                            i, country, i, i % 2, bcat, badv);
            case 2 -> """
                    {"id":"%s","tmax":200,"imp":[{"id":"1","bidfloor":%s,"video":{"mimes":["video/mp4",\
                    "video/webm"],"minduration":5,"maxduration":%d,"protocols":[2,3,5,6],"w":640,"h":480,\
                    "startdelay":0,"placement":1,"plcmt":1,"linearity":1}}],"site":{"domain":"video%d.example.com",\
                    "cat":["%s"]},"device":{"devicetype":3,"geo":{"country":"%s"}},"regs":{"gdpr":1},\
                    "user":{"consent":"CPv%d","eids":[{"source":"id.example","uids":[{"id":"e%d","atype":1}]}]}%s}"""
                    .formatted(id, floor, 15 + i % 4 * 15, i % 30, cat, country, i, i, bcat);
            case 3 -> """
                    {"id":"%s","imp":[{"id":"1","bidfloor":%s,"native":{"ver":"1.2","request":\
                    "{\\"ver\\":\\"1.2\\",\\"assets\\":[{\\"id\\":1,\\"required\\":1,\\"title\\":{\\"len\\":90}},\
                    {\\"id\\":2,\\"img\\":{\\"type\\":3,\\"w\\":1200,\\"h\\":627}}]}"}}],\
                    "site":{"domain":"feed%d.example.com","cat":["%s"]},"device":{"devicetype":1,"os":"Android",\
                    "geo":{"country":"%s"}}%s}"""
                    .formatted(id, floor, i % 20, cat, country, badv);
            case 4 -> """
                    {"id":"%s","imp":[{"id":"1","banner":{"w":300,"h":250},"pmp":{"private_auction":%d,\
                    "deals":[{"id":"deal-%d","bidfloor":%s,"bidfloorcur":"USD","wseat":["seat-1"],"at":1}]}}],\
                    "site":{"domain":"premium%d.example.com"},"device":{"geo":{"country":"%s"}},"cur":["USD"]}"""
                    .formatted(id, i % 2, i % 5, floor, i % 10, country);
            case 5 -> """
                    {"id":"%s","imp":[{"id":"1","bidfloor":%s,"audio":{"mimes":["audio/mp4"],"minduration":5,\
                    "maxduration":30}},{"id":"2","banner":{"w":%s,"h":%s}}],"dooh":{"id":"screen-%d"},\
                    "device":{"devicetype":6,"geo":{"country":"%s"}},"bapp":["com.example.blocked"],\
                    "ext":{"unknown":{"nested":[1,2.5,"x",true,null]}}%s}"""
                    .formatted(id, floor, size[0], size[1], i, country, bcat);
            default -> """
                    {"id":"%s","test":0,"at":2,"cur":["USD","EUR"],"imp":[{"id":"1","bidfloor":%s,\
                    "banner":{"w":%s,"h":%s,"btype":[4]},"ext":{"prebid":{"bidder":{"x":{}}}}},{"id":"2",\
                    "bidfloor":%s,"banner":{"w":728,"h":90}},{"id":"3","video":{"mimes":["video/mp4"],\
                    "protocols":[2,3]}}],"site":{"domain":"multi%d.example.com","cat":["%s"],\
                    "page":"https://multi.example.com/%d"},"device":{"ua":"Mozilla/5.0 (iPhone)","devicetype":4,\
                    "os":"iOS","geo":{"country":"%s"}},"regs":{"coppa":%d}%s%s}"""
                    .formatted(id, floor, size[0], size[1], pick(r, FLOORS), i % 60, cat, i, country,
                            i % 97 == 0 ? 1 : 0, bcat, badv);
        };
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
