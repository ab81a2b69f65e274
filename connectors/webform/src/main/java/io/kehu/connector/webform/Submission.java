package io.kehu.connector.webform;

import java.time.Instant;
import java.util.List;

/**
 * What a preset read from one request: the answers and what identifies the submission.
 *
 * @param fields      the answers, in form order
 * @param deliveryId  the vendor's id of this submission or delivery (简道云 X-JDY-DeliverId, Typeform
 *                    event_id, Jotform submissionID, 金数据 form + serial_number), or null
 * @param submittedAt when the person submitted, or null when the vendor does not say
 * @param formId      the vendor's form id, or null
 * @param formName    the form's title, or null
 * @param ignored     why this request carries no submission to ingest (a delete event), or null
 */
record Submission(List<FormField> fields, String deliveryId, Instant submittedAt, String formId, String formName, String ignored) {

    Submission {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    static Submission ignored(String why) {
        return new Submission(List.of(), null, null, null, null, why);
    }
}
