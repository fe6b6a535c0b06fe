/**
 * Declarations of hyper-parameters ({@link org.geocsp.core.settings.Param}) and the collection of
 * settings problems. The declarations themselves live beside the settings record they describe
 * ({@code train.PretrainParams}, {@code train.TrainerParams}, {@code train.FineTuneParams},
 * {@code encode.EncoderParams}, {@code nn.StackParams}); this package imports nothing above
 * {@code geo}.
 */
package org.geocsp.core.settings;
