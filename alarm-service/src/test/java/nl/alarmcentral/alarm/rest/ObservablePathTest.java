package nl.alarmcentral.alarm.rest;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.CANCEL_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.DURESS_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.eventsOf;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.typesOf;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.workerWithPins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.response.Response;
import nl.alarmcentral.alarm.PinsAndTimersSupport;
import nl.alarmcentral.alarm.service.AlarmIds;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * One observable path: whoever holds her phone after she entered a PIN (a countdown, a sent alarm,
 * a safety timer's check-in) must not be able to tell from any answer of alarm-service whether it
 * was the cancel PIN or the duress PIN. Each test runs the same script twice, once per PIN, each
 * with a worker of her own (so that attempt counts and locks are the same), records every answer
 * (status, headers minus {@code Date}, body with times and the flow's own ids replaced by
 * placeholders) and asserts both records are equal, while dispatch's side shows the difference.
 *
 * <p>{@code Content-Length} is left out of the comparison: a time is written with as many
 * fractional digits as it has, so two bodies equal after normalising can differ in length only by
 * when they happened. {@code Retry-After} is compared as present or not (its seconds count down).
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class ObservablePathTest {

    private static final Duration WATCH = Duration.ofSeconds(3);
    private static final String WRONG_PIN = "5550";

    /** One flow's worker, its press and what the flow learnt (ids), so that steps can refer to them. */
    private static final class Flow {
        final TestTokens.Subject worker = workerWithPins();
        final UUID clientRef = UUID.randomUUID();
        final List<String> record = new ArrayList<>();
        final Map<String, String> ids = new TreeMap<>();
        String alarmId;
        String timerId;

        void observe(String step, Response response) {
            StringBuilder line = new StringBuilder(step).append(" -> ").append(response.statusCode());
            for (Header header : response.headers().asList()) {
                String name = header.getName().toLowerCase();
                if (name.equals("date") || name.equals("content-length")) {
                    continue;
                }
                line.append(" | ").append(name).append(": ")
                        .append(name.equals("retry-after") ? "<seconds>" : normalise(header.getValue()));
            }
            line.append(" | ").append(normalise(response.asString()));
            record.add(line.toString());
        }

        String normalise(String body) {
            String text = body.replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "<time>");
            text = text.replace(worker.id(), "<worker>").replace(clientRef.toString(), "<clientRef>");
            if (alarmId != null) {
                text = text.replace(alarmId, "<alarm>");
            }
            if (timerId != null) {
                text = text.replace(timerId, "<timer>");
            }
            return text;
        }
    }

    @Test
    void aCountdownCancelledWithEitherPinLooksTheSameToEveryLaterCall() {
        Flow cancelled = countdownScript(CANCEL_PIN);
        Flow duress = countdownScript(DURESS_PIN);

        assertThat(duress.record).containsExactlyElementsOf(cancelled.record);
        // Only the central sees it: the duress flow raised the alarm and escalated it at its first
        // PIN; the cancel flow sent nothing until its own duress PIN (entered while locked) at the end.
        assertThat(typesOf(eventsOf(duress.worker, WATCH))).containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_DURESS);
        assertThat(typesOf(eventsOf(cancelled.worker, WATCH)))
                .as("a withdrawn press escalated later is raised then; never a cancel for it")
                .containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_DURESS);
    }

    @Test
    void aCountdownCancelledWithTheCancelPinSendsNothingAndStoresNoPosition() {
        Flow flow = new Flow();
        String body = "{\"clientRef\":\"" + flow.clientRef + "\",\"kind\":\"PANIC\",\"pin\":\"" + CANCEL_PIN
                + "\",\"location\":{\"lat\":51.55,\"lon\":5.09}}";
        String alarmId = post(flow, "/api/alarms/countdown-cancel", body).then().statusCode(200).extract().path("alarmId");
        post(flow, "/api/alarms/countdown-cancel", body).then().statusCode(200);
        post(flow, "/api/alarms/" + alarmId + "/cancel", "{\"pin\":\"" + CANCEL_PIN + "\"}").then().statusCode(200);
        post(flow, "/api/alarms", "{\"kind\":\"PANIC\",\"clientRef\":\"" + flow.clientRef + "\"}").then().statusCode(202);

        assertThat(eventsOf(flow.worker, WATCH)).as("she cancelled: nothing at all, also not for the retried press").isEmpty();
        assertThat(PinsAndTimersSupport.column("SELECT (withdrawn_at IS NOT NULL) || ' ' || (published_at IS NULL) || ' ' "
                + "|| (sealed_position IS NULL) || ' ' || channel FROM alarm WHERE alarm_id = ?::uuid", alarmId))
                .containsExactly("true true true APP");
        assertThat(PinsAndTimersSupport.column("SELECT (cancel_accepted_at IS NOT NULL) || ' ' || (duress_accepted_at IS NULL) "
                + "FROM alarm_cancel WHERE alarm_id = ?::uuid", alarmId)).containsExactly("true true");
        assertThat(PinsAndTimersSupport.column("SELECT count(*) FROM outbox_event WHERE worker_id = ?", flow.worker.id()))
                .containsExactly("0");
        PinsAndTimersSupport.dispatchDetails(alarmId).statusCode(404);
    }

    @Test
    void aSentAlarmCancelledWithEitherPinLooksTheSameToEveryLaterCall() {
        Flow cancelled = sentAlarmScript(CANCEL_PIN);
        Flow duress = sentAlarmScript(DURESS_PIN);

        assertThat(duress.record).containsExactlyElementsOf(cancelled.record);
        assertThat(typesOf(eventsOf(duress.worker, WATCH))).containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_DURESS);
        assertThat(typesOf(eventsOf(cancelled.worker, WATCH)))
                .containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_CANCELLED, EventTypes.ALARM_DURESS);
    }

    @Test
    void aTimerConfirmedWithEitherPinLooksTheSameToEveryLaterCall() {
        Flow confirmed = timerScript(CANCEL_PIN);
        Flow duress = timerScript(DURESS_PIN);

        assertThat(duress.record).containsExactlyElementsOf(confirmed.record);
        assertThat(typesOf(eventsOf(duress.worker, WATCH))).containsExactly(EventTypes.CHECKIN_MISSED, EventTypes.ALARM_DURESS);
        assertThat(typesOf(eventsOf(confirmed.worker, WATCH))).as("her cancel PIN: she is safe").isEmpty();
    }

    @Test
    void aTimerConfirmedWhilePinEntryIsLockedLooksTheSameAfterItsIncidentClosed() {
        Flow cancelled = lockedTimerScript(CANCEL_PIN);
        Flow duress = lockedTimerScript(DURESS_PIN);

        assertThat(duress.record).containsExactlyElementsOf(cancelled.record);
        // Only the central's side differs: the duress PIN raised the timer's alarm, and its incident's
        // closing dropped the note of the still running timer; the cancel PIN left timer and note alone.
        assertThat(typesOf(eventsOf(duress.worker, WATCH))).containsExactly(EventTypes.CHECKIN_MISSED, EventTypes.ALARM_DURESS);
        assertThat(eventsOf(cancelled.worker, WATCH)).isEmpty();
        assertThat(PinsAndTimersSupport.column("SELECT note IS NULL FROM safety_timer WHERE timer_id = ?::uuid", duress.timerId))
                .containsExactly("t");
        assertThat(PinsAndTimersSupport.column("SELECT note IS NULL FROM safety_timer WHERE timer_id = ?::uuid", cancelled.timerId))
                .containsExactly("f");
    }

    @Test
    void aCountdownRefusedWhilePinEntryIsLockedLooksTheSameForEitherPin() {
        Flow cancelled = lockedCountdownScript(CANCEL_PIN);
        Flow duress = lockedCountdownScript(DURESS_PIN);

        assertThat(duress.record).containsExactlyElementsOf(cancelled.record);
        assertThat(typesOf(eventsOf(duress.worker, WATCH))).as("the duress PIN escalates while locked")
                .containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_RAISED, EventTypes.ALARM_DURESS);
        assertThat(typesOf(eventsOf(cancelled.worker, WATCH))).as("locked: the countdown went on and the app sent it")
                .containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_RAISED);
    }

    /**
     * PIN entry locked by wrong PINs on another alarm, then a countdown cancelled with {@code pin}
     * (refused: locked), then what the phone can do about that press.
     */
    private static Flow lockedCountdownScript(String pin) {
        Flow flow = new Flow();
        String other = post(flow, "/api/alarms", "{\"kind\":\"PANIC\",\"clientRef\":\"" + UUID.randomUUID() + "\"}")
                .then().statusCode(202).extract().path("alarmId");
        for (int i = 1; i <= 5; i++) {
            post(flow, "/api/alarms/" + other + "/cancel", "{\"pin\":\"" + WRONG_PIN + "\"}");
        }
        flow.alarmId = AlarmIds.of(flow.worker.id(), flow.clientRef).toString();
        String countdown = "{\"clientRef\":\"" + flow.clientRef + "\",\"kind\":\"SILENT\",\"pin\":\"%s\"}";
        flow.observe("locked, countdown cancel", post(flow, "/api/alarms/countdown-cancel", countdown.formatted(pin)));
        flow.observe("locked, cancel by id",
                post(flow, "/api/alarms/" + flow.alarmId + "/cancel", "{\"pin\":\"" + CANCEL_PIN + "\"}"));
        flow.observe("locked, countdown again", post(flow, "/api/alarms/countdown-cancel", countdown.formatted(CANCEL_PIN)));
        flow.observe("the countdown ended: the app sends the press",
                post(flow, "/api/alarms", "{\"kind\":\"SILENT\",\"clientRef\":\"" + flow.clientRef + "\"}"));
        flow.observe("locked, cancel by id again", post(flow, "/api/alarms/" + flow.alarmId + "/cancel", "{\"pin\":\"" + CANCEL_PIN + "\"}"));
        return flow;
    }

    /** A press cancelled in its countdown with {@code pin}, then everything the phone can do about it. */
    private static Flow countdownScript(String pin) {
        Flow flow = new Flow();
        String countdown = "{\"clientRef\":\"" + flow.clientRef + "\",\"kind\":\"SILENT\",\"pin\":\"%s\"}";
        Response first = post(flow, "/api/alarms/countdown-cancel", countdown.formatted(pin));
        flow.alarmId = first.path("alarmId");
        flow.observe("countdown cancel", first);
        afterThePin(flow, f -> post(f, "/api/alarms/countdown-cancel", countdown.formatted(CANCEL_PIN)),
                f -> post(f, "/api/alarms/countdown-cancel", countdown.formatted(DURESS_PIN)));
        return flow;
    }

    /** An alarm sent, then cancelled with {@code pin}, then everything the phone can do about it. */
    private static Flow sentAlarmScript(String pin) {
        Flow flow = new Flow();
        Response raised = post(flow, "/api/alarms", "{\"kind\":\"PANIC\",\"clientRef\":\"" + flow.clientRef + "\"}");
        flow.alarmId = raised.path("alarmId");
        flow.observe("raise", raised);
        flow.observe("cancel", post(flow, "/api/alarms/" + flow.alarmId + "/cancel", "{\"pin\":\"" + pin + "\"}"));
        afterThePin(flow, f -> post(f, "/api/alarms/" + f.alarmId + "/cancel", "{\"pin\":\"" + CANCEL_PIN + "\"}"),
                f -> post(f, "/api/alarms/" + f.alarmId + "/cancel", "{\"pin\":\"" + DURESS_PIN + "\"}"));
        return flow;
    }

    /**
     * What follows either PIN: the same PIN endpoint again, the other alarm endpoints, a wrong PIN
     * until PIN entry locks, and both PINs while locked (the duress PIN last: it escalates).
     */
    private static void afterThePin(Flow flow, Function<Flow, Response> again, Function<Flow, Response> againDuress) {
        flow.observe("again, cancel PIN", again.apply(flow));
        flow.observe("cancel by id, cancel PIN",
                post(flow, "/api/alarms/" + flow.alarmId + "/cancel", "{\"pin\":\"" + CANCEL_PIN + "\"}"));
        flow.observe("press retried", post(flow, "/api/alarms", "{\"kind\":\"SILENT\",\"clientRef\":\"" + flow.clientRef + "\"}"));
        flow.observe("pins", get(flow, "/api/me/pins"));
        flow.observe("timers", get(flow, "/api/me/timers"));
        flow.observe("cancel an alarm that is not hers",
                post(flow, "/api/alarms/" + UUID.randomUUID() + "/cancel", "{\"pin\":\"" + CANCEL_PIN + "\"}"));
        for (int i = 1; i <= 5; i++) {
            flow.observe("wrong PIN " + i, post(flow, "/api/alarms/" + flow.alarmId + "/cancel", "{\"pin\":\"" + WRONG_PIN + "\"}"));
        }
        flow.observe("locked, cancel PIN", again.apply(flow));
        flow.observe("locked, press retried",
                post(flow, "/api/alarms", "{\"kind\":\"SILENT\",\"clientRef\":\"" + flow.clientRef + "\"}"));
        flow.observe("locked, duress PIN", againDuress.apply(flow));
        flow.observe("after all, press retried",
                post(flow, "/api/alarms", "{\"kind\":\"SILENT\",\"clientRef\":\"" + flow.clientRef + "\"}"));
    }

    /** A timer with a note, confirmed with {@code pin}, then everything the phone can do about it. */
    private static Flow timerScript(String pin) {
        Flow flow = new Flow();
        Response started = post(flow, "/api/me/timers", "{\"minutes\":60,\"graceMinutes\":5,\"note\":\"Room 12\"}");
        flow.timerId = started.path("id");
        flow.observe("start", started);
        flow.observe("confirm", confirmTimer(flow, pin));
        flow.observe("timers", get(flow, "/api/me/timers"));
        flow.observe("the timer", get(flow, "/api/me/timers/" + flow.timerId));
        // The timer's alarm id follows from her id and the timer's: after the duress PIN it names an
        // alarm, so after the cancel PIN it must name one too (withdrawn, never sent).
        flow.alarmId = AlarmIds.of(flow.worker.id(), UUID.fromString(flow.timerId)).toString();
        flow.observe("cancel the timer's alarm by id, cancel PIN",
                post(flow, "/api/alarms/" + flow.alarmId + "/cancel", "{\"pin\":\"" + CANCEL_PIN + "\"}"));
        flow.observe("the timer's alarm pressed by its id",
                post(flow, "/api/alarms", "{\"kind\":\"SILENT\",\"clientRef\":\"" + flow.timerId + "\"}"));
        flow.observe("confirm again, cancel PIN", confirmTimer(flow, CANCEL_PIN));
        flow.observe("extend", post(flow, "/api/me/timers/" + flow.timerId + "/extend", "{\"minutes\":30}"));
        flow.observe("pins", get(flow, "/api/me/pins"));
        flow.observe("confirm again, wrong PIN", confirmTimer(flow, WRONG_PIN));
        flow.observe("the timer at last", get(flow, "/api/me/timers/" + flow.timerId));
        return flow;
    }

    /**
     * A timer with a note, PIN entry locked by wrong PINs, then confirmed with {@code pin} (refused:
     * locked; the timer keeps running either way), then dispatch closes the incident of the timer's
     * alarm (only the duress PIN raised one; the closing names the same id in both flows), then what
     * the phone shows of the timer.
     */
    private static Flow lockedTimerScript(String pin) {
        Flow flow = new Flow();
        Response started = post(flow, "/api/me/timers", "{\"minutes\":60,\"graceMinutes\":5,\"note\":\"Room 12\"}");
        flow.timerId = started.path("id");
        flow.observe("start", started);
        for (int i = 1; i <= 5; i++) {
            flow.observe("wrong PIN " + i, confirmTimer(flow, WRONG_PIN));
        }
        flow.observe("locked, confirm", confirmTimer(flow, pin));
        flow.alarmId = AlarmIds.of(flow.worker.id(), UUID.fromString(flow.timerId)).toString();
        PinsAndTimersSupport.incidentClosed(flow.worker.id(), flow.alarmId);
        // The same wait for both flows: until no row of that alarm is left open (none in the cancel flow).
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> PinsAndTimersSupport.column(
                "SELECT count(*) FROM alarm WHERE alarm_id = ?::uuid AND incident_closed_at IS NULL", flow.alarmId)
                .equals(List.of("0")));
        flow.observe("timers", get(flow, "/api/me/timers"));
        flow.observe("the timer", get(flow, "/api/me/timers/" + flow.timerId));
        return flow;
    }

    private static Response confirmTimer(Flow flow, String pin) {
        return post(flow, "/api/me/timers/" + flow.timerId + "/confirm", "{\"pin\":\"" + pin + "\"}");
    }

    private static Response post(Flow flow, String path, String body) {
        return given().auth().oauth2(flow.worker.token()).contentType(ContentType.JSON).body(body)
                .when().post(path).then().extract().response();
    }

    private static Response get(Flow flow, String path) {
        return given().auth().oauth2(flow.worker.token()).when().get(path).then().extract().response();
    }
}
