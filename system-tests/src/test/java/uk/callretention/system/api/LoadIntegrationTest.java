package uk.callretention.system.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/**
 * The load, through the local runtime: uploads from 8 clients each catalogued once and tagged, playback
 * requests from 16 clients each answered 200 audited once, and no manager ever given more links in an hour than the
 * council allows. It prints the figures. The build runs it scaled down (moto tags a dozen uploads a second at best); the
 * whole load takes well over half an hour on two cores (moto's S3 slows as the versioned bucket grows, and tagging waits
 * while the uploads pour in):
 * {@code mvn -B -ntp verify -pl system-tests -am -Dtest=LoadIntegrationTest -Dsurefire.failIfNoSpecifiedTests=false -Dload.uploads=10000 -Dload.requests=2000}.
 */
@ExtendWith(LocalAwsExtension.class)
class LoadIntegrationTest {

    static final int UPLOADS = Integer.getInteger("load.uploads", 200);
    static final int PLAYBACK_REQUESTS = Integer.getInteger("load.requests", 500);

    private static LocalAws aws;
    private static LoadRun.Uploads uploads;
    private static LoadRun.Playbacks playbacks;

    @BeforeAll
    static void runTheLoad() throws Exception {
        try (CapturedOutput output = CapturedOutput.start(); ApiStack api = ApiStack.start(aws, null)) {
            LoadRun run = new LoadRun(api, output::lines);
            uploads = run.upload(UPLOADS, 8);
            playbacks = run.play(PLAYBACK_REQUESTS, 16, uploads.played());
        }
        System.out.println(uploads.describe());
        System.out.println(playbacks.describe());
    }

    @Test
    void uploads_whenPutByEightClientsAtOnce_areEachCataloguedOnceAndTagged() {
        assertThat(uploads.lost()).isZero();
        assertThat(uploads.untagged()).isZero();
        assertThat(uploads.cataloguedMoreThanOnce()).isZero();
        assertThat(uploads.cataloguedOnce()).isEqualTo(UPLOADS);
    }

    @Test
    void playbacks_whenSixteenClientsAskAtOnce_eachLinkIsAuditedOnceAndNoManagerPassesTheLimit() {
        assertThat(playbacks.otherAnswers()).isZero();
        assertThat(playbacks.unaudited()).isZero();
        assertThat(playbacks.issuedEvents()).isEqualTo(playbacks.issued());
        assertThat(playbacks.refusedEvents()).isEqualTo(playbacks.refusedForLimit());
        assertThat(playbacks.maxIssuedToOneUserInAnHour()).isEqualTo(playbacks.limit());
        assertThat(playbacks.hammerersIssued()).allSatisfy((manager, issued) -> assertThat(issued).isEqualTo(playbacks.limit()));
        assertThat(playbacks.refusedForLimit()).isEqualTo(playbacks.hammeringUsers() * playbacks.limit());
    }
}
