package org.fargatedsp.bidder.openrtb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Liberal in what it reads: each departure from the spec in a field the bidder reads is coerced when that needs no
 * guess, or dropped, and costs no more than its {@link RepairField.Scope} says; fields the bidder does not read
 * cost nothing whatever their shape.
 */
class LenientDecodingTest {
    private final BidRequestDecoder decoder = new BidRequestDecoder(100, 256 * 1024);
    private final Repairs repairs = new Repairs();

    /** What a repair costs, as the decoded request shows it. */
    enum Cost { NOTHING, DEAL, IMP, REQUEST }

    static Stream<Arguments> departures() {
        return Stream.of(
                // Numbers and flags.
                imp("\"banner\":{\"w\":\"728\",\"h\":90}", RepairField.IMP_BANNER_W, Repairs.Kind.COERCED,
                        Cost.NOTHING),
                imp("\"banner\":{\"w\":728.0,\"h\":90}", RepairField.IMP_BANNER_W, Repairs.Kind.COERCED, Cost.NOTHING),
                imp("\"banner\":{\"w\":\"\",\"h\":90}", RepairField.IMP_BANNER_W, Repairs.Kind.COERCED, Cost.NOTHING),
                imp("\"banner\":{\"w\":\"728px\",\"h\":90}", RepairField.IMP_BANNER_W, Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"banner\":{\"w\":728.5,\"h\":90}", RepairField.IMP_BANNER_W, Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"banner\":{\"w\":-728,\"h\":90}", RepairField.IMP_BANNER_W, Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"banner\":{\"w\":99999999999,\"h\":90}", RepairField.IMP_BANNER_W, Repairs.Kind.DROPPED,
                        Cost.IMP),
                imp("\"banner\":{\"w\":1e999,\"h\":90}", RepairField.IMP_BANNER_W, Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"banner\":{\"w\":true,\"h\":90}", RepairField.IMP_BANNER_W, Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"banner\":{\"w\":[728],\"h\":90}", RepairField.IMP_BANNER_W, Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"instl\":\"\"", RepairField.IMP_INSTL, Repairs.Kind.COERCED, Cost.NOTHING),
                imp("\"instl\":true", RepairField.IMP_INSTL, Repairs.Kind.COERCED, Cost.NOTHING),
                imp("\"instl\":\"1\"", RepairField.IMP_INSTL, Repairs.Kind.COERCED, Cost.NOTHING),
                imp("\"instl\":2", RepairField.IMP_INSTL, Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"instl\":\"yes\"", RepairField.IMP_INSTL, Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"bidfloor\":\"0.5\"", RepairField.IMP_BIDFLOOR, Repairs.Kind.COERCED, Cost.NOTHING),
                imp("\"bidfloor\":-1", RepairField.IMP_BIDFLOOR, Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"bidfloor\":\"-0.5\"", RepairField.IMP_BIDFLOOR, Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"bidfloor\":\"$0.50\"", RepairField.IMP_BIDFLOOR, Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"bidfloor\":\"0,5\"", RepairField.IMP_BIDFLOOR, Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"bidfloor\":1e999", RepairField.IMP_BIDFLOOR, Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"bidfloorcur\":{\"code\":\"USD\"}", RepairField.IMP_BIDFLOORCUR, Repairs.Kind.DROPPED, Cost.IMP),
                // Lists and objects.
                imp("\"banner\":{\"format\":{\"w\":300,\"h\":250}}", RepairField.IMP_BANNER_FORMAT,
                        Repairs.Kind.COERCED, Cost.NOTHING),
                imp("\"banner\":{\"format\":[{\"w\":300,\"h\":250},null]}", RepairField.IMP_BANNER_FORMAT,
                        Repairs.Kind.COERCED, Cost.NOTHING),
                imp("\"banner\":{\"format\":[{\"w\":300,\"h\":250},\"728x90\"]}", RepairField.IMP_BANNER_FORMAT,
                        Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"banner\":{\"format\":[{\"w\":\"300\",\"h\":250}]}", RepairField.IMP_BANNER_FORMAT_W,
                        Repairs.Kind.COERCED, Cost.NOTHING),
                imp("\"banner\":{\"w\":300,\"h\":250,\"battr\":3}", RepairField.IMP_BANNER_BATTR,
                        Repairs.Kind.COERCED, Cost.NOTHING),
                imp("\"banner\":{\"w\":300,\"h\":250,\"battr\":[3,\"x\"]}", RepairField.IMP_BANNER_BATTR,
                        Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"banner\":[]", RepairField.IMP_BANNER, Repairs.Kind.COERCED, Cost.NOTHING),
                imp("\"banner\":\"\"", RepairField.IMP_BANNER, Repairs.Kind.COERCED, Cost.NOTHING),
                imp("\"banner\":\"300x250\"", RepairField.IMP_BANNER, Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"banner\":[{\"w\":300,\"h\":250}]", RepairField.IMP_BANNER, Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"video\":{\"mimes\":\"video/mp4\"}", RepairField.IMP_VIDEO_MIMES, Repairs.Kind.COERCED,
                        Cost.NOTHING),
                imp("\"video\":{\"mimes\":{\"video/mp4\":true}}", RepairField.IMP_VIDEO_MIMES, Repairs.Kind.DROPPED,
                        Cost.IMP),
                imp("\"video\":{\"protocols\":2}", RepairField.IMP_VIDEO_PROTOCOLS, Repairs.Kind.COERCED,
                        Cost.NOTHING),
                imp("\"video\":{\"protocols\":[2,\"3\"]}", RepairField.IMP_VIDEO_PROTOCOLS, Repairs.Kind.COERCED,
                        Cost.NOTHING),
                imp("\"video\":{\"protocol\":[2,3]}", RepairField.IMP_VIDEO_PROTOCOL, Repairs.Kind.COERCED,
                        Cost.NOTHING),
                imp("\"video\":{\"maxduration\":\"30\"}", RepairField.IMP_VIDEO_MAXDURATION, Repairs.Kind.COERCED,
                        Cost.NOTHING),
                imp("\"video\":{\"maxduration\":\"30s\"}", RepairField.IMP_VIDEO_MAXDURATION, Repairs.Kind.DROPPED,
                        Cost.IMP),
                imp("\"video\":{\"w\":\"640px\"}", RepairField.IMP_VIDEO_W, Repairs.Kind.DROPPED, Cost.NOTHING),
                imp("\"audio\":{\"mimes\":[\"audio/mp4\"],\"minduration\":\"5\"}", RepairField.IMP_AUDIO_MINDURATION,
                        Repairs.Kind.COERCED, Cost.NOTHING),
                imp("\"native\":\"{}\"", RepairField.IMP_NATIVE, Repairs.Kind.DROPPED, Cost.IMP),
                // Deals.
                imp("\"pmp\":{\"private_auction\":\"1\",\"deals\":[{\"id\":\"d\"}]}",
                        RepairField.IMP_PMP_PRIVATE_AUCTION, Repairs.Kind.COERCED, Cost.NOTHING),
                imp("\"pmp\":{\"private_auction\":\"true\",\"deals\":[{\"id\":\"d\"}]}",
                        RepairField.IMP_PMP_PRIVATE_AUCTION, Repairs.Kind.DROPPED, Cost.IMP),
                imp("\"pmp\":{\"deals\":{\"id\":\"d\"}}", RepairField.IMP_PMP_DEALS, Repairs.Kind.COERCED,
                        Cost.NOTHING),
                imp("\"pmp\":{\"deals\":[{\"id\":12345}]}", RepairField.IMP_PMP_DEALS_ID, Repairs.Kind.COERCED,
                        Cost.NOTHING),
                imp("\"pmp\":{\"deals\":[{\"id\":\"d\",\"wseat\":\"Agency1\"}]}", RepairField.IMP_PMP_DEALS_WSEAT,
                        Repairs.Kind.COERCED, Cost.NOTHING),
                imp("\"pmp\":{\"deals\":[{\"id\":\"d\",\"at\":\"first\"}]}", RepairField.IMP_PMP_DEALS_AT,
                        Repairs.Kind.DROPPED, Cost.NOTHING),
                imp("\"pmp\":{\"deals\":[{\"id\":\"d\"},{\"bidfloor\":2}]}", RepairField.IMP_PMP_DEALS_ID,
                        Repairs.Kind.DROPPED, Cost.DEAL),
                imp("\"pmp\":{\"deals\":[{\"id\":\"d\"},{\"id\":\"e\",\"bidfloor\":\"high\"}]}",
                        RepairField.IMP_PMP_DEALS_BIDFLOOR, Repairs.Kind.DROPPED, Cost.DEAL),
                imp("\"pmp\":{\"deals\":[{\"id\":\"d\"},\"e\"]}", RepairField.IMP_PMP_DEALS, Repairs.Kind.DROPPED,
                        Cost.DEAL),
                imp("\"pmp\":\"private\"", RepairField.IMP_PMP, Repairs.Kind.DROPPED, Cost.IMP),
                // The request's own fields.
                top("\"id\":12345", RepairField.ID, Repairs.Kind.COERCED, Cost.NOTHING),
                top("\"tmax\":\"120\"", RepairField.TMAX, Repairs.Kind.COERCED, Cost.NOTHING),
                top("\"tmax\":-5", RepairField.TMAX, Repairs.Kind.DROPPED, Cost.NOTHING),
                top("\"at\":\"1\"", RepairField.AT, Repairs.Kind.COERCED, Cost.NOTHING),
                top("\"test\":false", RepairField.TEST, Repairs.Kind.COERCED, Cost.NOTHING),
                top("\"cur\":\"USD\"", RepairField.CUR, Repairs.Kind.COERCED, Cost.NOTHING),
                top("\"cur\":{\"USD\":1}", RepairField.CUR, Repairs.Kind.DROPPED, Cost.REQUEST),
                top("\"bcat\":\"IAB25\"", RepairField.BCAT, Repairs.Kind.COERCED, Cost.NOTHING),
                top("\"bcat\":[null,\"IAB25\"]", RepairField.BCAT, Repairs.Kind.COERCED, Cost.NOTHING),
                top("\"bcat\":[\"IAB25\",{\"id\":\"IAB7\"}]", RepairField.BCAT, Repairs.Kind.DROPPED, Cost.REQUEST),
                top("\"bcat\":[" + "\"IAB1\",".repeat(1100) + "\"IAB2\"]", RepairField.BCAT, Repairs.Kind.DROPPED,
                        Cost.REQUEST),
                top("\"badv\":\"\"", RepairField.BADV, Repairs.Kind.COERCED, Cost.NOTHING),
                top("\"wseat\":{\"seat\":\"Agency1\"}", RepairField.WSEAT, Repairs.Kind.DROPPED, Cost.REQUEST),
                top("\"site\":[]", RepairField.SITE, Repairs.Kind.COERCED, Cost.NOTHING),
                top("\"site\":\"www.foobar.com\"", RepairField.SITE, Repairs.Kind.DROPPED, Cost.REQUEST),
                top("\"site\":{\"cat\":\"IAB3-1\"}", RepairField.SITE_CAT, Repairs.Kind.COERCED, Cost.NOTHING),
                top("\"app\":{\"bundle\":12345}", RepairField.APP_BUNDLE, Repairs.Kind.COERCED, Cost.NOTHING),
                top("\"device\":{\"devicetype\":\"4\"}", RepairField.DEVICE_DEVICETYPE, Repairs.Kind.COERCED,
                        Cost.NOTHING),
                top("\"device\":{\"ua\":{\"browser\":\"x\"}}", RepairField.DEVICE_UA, Repairs.Kind.DROPPED,
                        Cost.NOTHING),
                top("\"device\":{\"geo\":{\"country\":[\"USA\"]}}", RepairField.DEVICE_GEO_COUNTRY,
                        Repairs.Kind.DROPPED, Cost.REQUEST),
                top("\"regs\":{\"gdpr\":\"1\"}", RepairField.REGS_GDPR, Repairs.Kind.COERCED, Cost.NOTHING),
                top("\"regs\":{\"coppa\":true}", RepairField.REGS_COPPA, Repairs.Kind.COERCED, Cost.NOTHING),
                top("\"regs\":{\"gdpr\":2}", RepairField.REGS_GDPR, Repairs.Kind.DROPPED, Cost.REQUEST),
                top("\"regs\":{\"ext\":\"gdpr=1\"}", RepairField.REGS_EXT, Repairs.Kind.DROPPED, Cost.REQUEST),
                top("\"regs\":{\"us_privacy\":[\"1YNN\"]}", RepairField.REGS_US_PRIVACY, Repairs.Kind.DROPPED,
                        Cost.NOTHING),
                top("\"user\":{\"consent\":{\"tcf\":\"CO\"}}", RepairField.USER_CONSENT, Repairs.Kind.DROPPED,
                        Cost.REQUEST),
                top("\"user\":{\"ext\":[]}", RepairField.USER_EXT, Repairs.Kind.COERCED, Cost.NOTHING));
    }

    private static Arguments imp(String fields, RepairField field, Repairs.Kind kind, Cost cost) {
        return Arguments.of("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}," + fields + "}]}",
                field, kind, cost);
    }

    private static Arguments top(String fields, RepairField field, Repairs.Kind kind, Cost cost) {
        return Arguments.of("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}]," + fields + "}",
                field, kind, cost);
    }

    @ParameterizedTest
    @MethodSource("departures")
    void repairsADepartureAtTheCostOfItsScopeAtMost(String json, RepairField field, Repairs.Kind kind, Cost cost) {
        BidRequest request = decode(json);

        assertThat(repairs.count(field)).as("repairs: %s", repairs).isPositive();
        assertThat(kinds(field)).as("repairs: %s", repairs).contains(kind);
        assertThat(request.imp()).hasSize(1);
        Imp imp = request.imp().get(0);
        assertThat(imp.unbiddable()).isEqualTo(cost == Cost.IMP ? field : null);
        assertThat(request.unbiddable()).isEqualTo(cost == Cost.REQUEST ? field : null);
        if (cost == Cost.DEAL) {
            assertThat(imp.pmp().deals()).extracting(Deal::id).containsExactly("d");
        }
        assertThat(field.scope() == RepairField.Scope.NONE || kind == Repairs.Kind.COERCED)
                .as("only a drop costs anything").isEqualTo(cost == Cost.NOTHING);
    }

    @Test
    void readsCoercedValuesAsThePlainValuesTheyStandFor() {
        BidRequest request = decode("""
                {"id":12345,"tmax":"120","at":"1","test":true,"cur":"USD","bcat":"IAB25",
                 "imp":{"id":7,"instl":"1","bidfloor":"0.75","bidfloorcur":"USD",
                  "banner":{"w":"728","h":90.0,"format":{"w":"300","h":"250"},"battr":"3"},
                  "video":{"mimes":"video/mp4","protocol":[2,3],"minduration":"5","maxduration":30.0},
                  "pmp":{"private_auction":true,"deals":{"id":987654321012,"wseat":"Agency1","bidfloor":"2.5"}}},
                 "device":{"devicetype":"4","geo":{"country":"USA"}},
                 "regs":{"gdpr":"0","coppa":false,"ext":{"gdpr":true}}}""");

        assertThat(request.id()).isEqualTo("12345");
        assertThat(request.tmax()).isEqualTo(120);
        assertThat(request.at()).isEqualTo(1);
        assertThat(request.test()).isEqualTo(1);
        assertThat(request.cur()).containsExactly("USD");
        assertThat(request.bcat()).containsExactly("IAB25");
        Imp imp = request.imp().get(0);
        assertThat(imp.id()).isEqualTo("7");
        assertThat(imp.instl()).isEqualTo(1);
        assertThat(imp.bidfloor()).isEqualTo(0.75);
        assertThat(imp.banner().w()).isEqualTo(728);
        assertThat(imp.banner().h()).isEqualTo(90);
        assertThat(imp.banner().format()).containsExactly(new Format(300, 250));
        assertThat(imp.banner().battr()).containsExactly(3);
        assertThat(imp.video().mimes()).containsExactly("video/mp4");
        assertThat(imp.video().protocols()).containsExactly(2, 3);
        assertThat(imp.video().minduration()).isEqualTo(5);
        assertThat(imp.video().maxduration()).isEqualTo(30);
        assertThat(imp.pmp().private_auction()).isEqualTo(1);
        Deal deal = imp.pmp().deals().get(0);
        assertThat(deal.id()).isEqualTo("987654321012");
        assertThat(deal.wseat()).containsExactly("Agency1");
        assertThat(deal.bidfloor()).isEqualTo(2.5);
        assertThat(request.device().devicetype()).isEqualTo(4);
        assertThat(request.regs().gdpr()).isZero();
        assertThat(request.regs().coppa()).isZero();
        assertThat(imp.unbiddable()).isNull();
        assertThat(request.unbiddable()).isNull();
        assertThat(repairs.size()).isEqualTo(29);
        for (int i = 0; i < repairs.size(); i++) {
            assertThat(repairs.kind(i)).as("repair %d of %s", i, repairs).isEqualTo(Repairs.Kind.COERCED);
        }
    }

    @Test
    void readsTheDeprecatedSingleVideoProtocolAndPrefersProtocolsToItsListShape() {
        Video single = decode(json("\"video\":{\"protocol\":3}")).imp().get(0).video();
        Video both = decode(json("\"video\":{\"protocol\":[5],\"protocols\":[2,3]}")).imp().get(0).video();

        assertThat(single.protocol()).isEqualTo(3);
        assertThat(single.protocols()).isNull();
        assertThat(both.protocols()).containsExactly(2, 3);
    }

    @Test
    void skipsFieldsItDoesNotReadWhateverTheirShape() {
        BidRequest request = decode("""
                {"id":"r","source":"exchange","ext":[1,{"a":null}],"user":{"id":{"x":1},"eids":"none",
                 "data":null,"buyeruid":7},"site":{"page":["x"],"publisher":"p","domain":"www.foobar.com"},
                 "imp":[{"id":"1","tagid":{"x":[1]},"secure":"yes","ext":null,"displaymanager":3,
                  "banner":{"w":300,"h":250,"pos":"above","btype":"4","api":{"a":3},"expdir":null},
                  "video":{"startdelay":"pre","companionad":{"w":"300"},"mimes":["video/mp4"]}}]}""");

        assertThat(repairs.isEmpty()).as("repairs: %s", repairs).isTrue();
        assertThat(request.imp().get(0).unbiddable()).isNull();
        assertThat(request.site().domain()).isEqualTo("www.foobar.com");
    }

    @Test
    void skipsImpressionsWithoutAUsableIdAndRepeatedIdsAndKnowsWhereEachDecodedOneWasSent() {
        BidRequest request = decode("""
                {"id":"r","imp":[null,{"id":"1"},{"banner":{}},{"id":"1","bidfloor":9},{"id":""},{"id":"2"},
                 {"id":{"x":1}},"3",{"id":1}]}""");

        assertThat(request.imp()).extracting(Imp::id).containsExactly("1", "2");
        assertThat(request.imp().get(0).bidfloor()).as("the first of a repeated id").isZero();
        assertThat(repairs.duplicateImps()).isEqualTo(2);
        assertThat(repairs.skippedImps()).isEqualTo(7);
        assertThat(repairs.sentPosition(0)).isEqualTo(1);
        assertThat(repairs.sentPosition(1)).isEqualTo(5);
        assertThat(repairs.toString()).isEqualTo("imp[0] dropped, imp[2].id dropped, imp[3].id duplicate, "
                + "imp[4].id dropped, imp[6].id dropped, imp[7] dropped, imp[8].id coerced, imp[8].id duplicate");
    }

    @Test
    void readsAnImpressionSentAsAnObjectAsTheOnlyOne() {
        BidRequest request = decode("{\"id\":\"r\",\"imp\":{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}}");

        assertThat(request.imp()).extracting(Imp::id).containsExactly("1");
        assertThat(repairs.count(RepairField.IMP)).isEqualTo(1);
    }

    @Test
    void marksTheImpressionByItsFirstUnreadableFieldAndLeavesTheOthersBiddable() {
        BidRequest request = decode("""
                {"id":"r","imp":[{"id":"1","bidfloor":-1,"banner":{"w":"wide","h":250}},
                 {"id":"2","banner":{"w":300,"h":250}}]}""");

        assertThat(request.imp().get(0).unbiddable()).isEqualTo(RepairField.IMP_BIDFLOOR);
        assertThat(request.imp().get(1).unbiddable()).isNull();
        assertThat(repairs.imp(0)).isZero();
        assertThat(repairs.toString()).isEqualTo("imp[0].bidfloor dropped, imp[0].banner.w dropped");
    }

    @Test
    void keepsAtMostItsEntriesButCountsEveryRepair() {
        String imps = "{\"id\":\"%d\",\"banner\":{\"w\":\"300\",\"h\":\"250\"}}";
        StringBuilder json = new StringBuilder("{\"id\":\"r\",\"imp\":[");
        for (int i = 0; i < 50; i++) {
            json.append(i == 0 ? "" : ",").append(imps.formatted(i));
        }
        decode(json.append("]}").toString());

        assertThat(repairs.size()).isEqualTo(Repairs.MAX_ENTRIES);
        assertThat(repairs.truncated()).isTrue();
        assertThat(repairs.count(RepairField.IMP_BANNER_W)).isEqualTo(50);
        assertThat(repairs.count(RepairField.IMP_BANNER_H)).isEqualTo(50);
        assertThat(repairs.toString()).endsWith(", and more");
    }

    @Test
    void forgetsTheLastRequestsRepairsWhenItDecodesTheNext() {
        decode(json("\"bidfloor\":-1"));
        assertThat(repairs.isEmpty()).isFalse();

        BidRequest clean = decode(json("\"bidfloor\":1"));

        assertThat(repairs.isEmpty()).isTrue();
        assertThat(repairs.size()).isZero();
        assertThat(repairs.count(RepairField.IMP_BIDFLOOR)).isZero();
        assertThat(clean.imp().get(0).unbiddable()).isNull();
    }

    @Test
    void recordsTheRepairsOfARequestItThenRefuses() {
        assertThatThrownBy(() -> decode("{\"id\":\"r\",\"imp\":[{\"id\":{\"n\":1}},{\"banner\":{}}]}"))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.getMessage()).contains("usable id"));

        assertThat(repairs.count(RepairField.IMP_ID)).isEqualTo(2);
        assertThat(repairs.skippedImps()).isEqualTo(2);
    }

    private List<Repairs.Kind> kinds(RepairField field) {
        List<Repairs.Kind> kinds = new ArrayList<>();
        for (int i = 0; i < repairs.size(); i++) {
            if (repairs.field(i) == field) {
                kinds.add(repairs.kind(i));
            }
        }
        return kinds;
    }

    private static String json(String impFields) {
        return "{\"id\":\"r\",\"imp\":[{\"id\":\"1\"," + impFields + "}]}";
    }

    private BidRequest decode(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(bytes, 0, bytes.length, repairs);
    }
}
