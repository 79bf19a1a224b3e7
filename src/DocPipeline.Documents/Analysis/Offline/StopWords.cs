namespace DocPipeline.Documents.Analysis.Offline;

/// <summary>
/// Function words per language. They drive the language guess (each hit weighted by how many languages share the
/// word) and are excluded from keywords.
/// </summary>
internal static class StopWords
{
    public static readonly IReadOnlyDictionary<string, HashSet<string>> ByLanguage = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
    {
        ["en"] = Set("the and of to is in that for with this are be was it on as by not have from or will which you we an at has been their our your shall would these there were they he she his her its can may must if but than then also into such any all each other who what when where how about after before under over more most only very been being had do does did should could upon within without between"),
        ["de"] = Set("der die das und ist nicht ein eine mit den von zu auf für sich dem des auch werden wird sind im bei oder wir sie ich nach wie über einer eines diese dieser kann haben wurde wurden zum zur durch aus noch nur als am vom sowie gemäß unter bis ihre ihr unsere ihnen ihrer ihren ihrem uns unser sehr gerne wenn dass daß es er hat hatte sein seine seiner einem einen kein keine können müssen soll sollen wir was wer wo vor zwischen bereits jedoch damit dabei hier dort"),
        ["fr"] = Set("le la les et est des une un du dans pour que qui pas sur par au avec ce cette sont aux nous vous il elle mais ou été être leur ses son sa ont selon entre sous vers chez dont ainsi également notre votre nos vos ils elles on se ne plus tout tous toutes fait faire peut doit comme aussi sans après avant lors leurs été avons avez"),
        ["es"] = Set("el la los las y es de que en un una por con para del se no al lo como más pero sus su está son fue este esta también muy hay ser han sobre entre cuando desde nuestro nuestra según le les ya o sin porque todo todos esto estos estas ha había puede pueden usted ustedes nos hasta donde"),
        ["it"] = Set("il lo la gli le e è di che in un una per con non del della dei delle sono nel nella alla al come anche questo questa ma più essere stato degli sul dalla dal tra ogni nostro nostra si ha hanno ai agli alle dai dalle nei nelle sulla o se suo sua suoi loro può devono dopo prima senza perché quando"),
        ["nl"] = Set("de het een en is van dat niet op te in met voor zijn er aan ook als bij door wordt worden maar naar deze dit wij jullie heeft hebben om uit onze ons tot nog werd kan moet zal zullen u uw hun haar hij zij ze wat wie waar hoe dan of na over onder tussen al geen meer"),
        ["pt"] = Set("o a os as e é de do da dos das que em um uma para com não no na por mais ao se como mas foi são está também seu sua pelo pela nos nas entre sobre nosso nossa ou já pode podem seus suas ele ela eles elas isso este esta estes estas aos até quando onde sem muito"),
    };

    /// <summary>
    /// Words that carry no topic in business documents (salutations, generic nouns, months, weekdays), for keyword
    /// filtering only.
    /// </summary>
    private static readonly HashSet<string> ExtraEnglish = Set(
        "a about above after again against am because before being below between both could did do does doing down during few further had having here hers him how i just me more most my no nor now off once only out over own same should so some too under until up very what when where while who whom why yes yours per within upon etc via shall hereby herein thereof whereas however therefore thus us page pages one two three new use used using include includes including following please dear regards number date dates total due bill subject re fw fwd sincerely kind best thank thanks hello hi mr mrs ms dr prof " +
        "january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday " +
        "sehr geehrte geehrter damen herren freundlichen grüßen grüße hallo liebe lieber madame monsieur cordialement bonjour salutations estimado estimada estimados atentamente saludos gentile gentili distinti saluti cordiali geachte vriendelijke groet groeten prezado prezada atenciosamente cumprimentos");

    public static readonly HashSet<string> All = BuildAll();

    private static HashSet<string> BuildAll()
    {
        var all = new HashSet<string>(ExtraEnglish, StringComparer.Ordinal);
        foreach (var words in ByLanguage.Values)
        {
            all.UnionWith(words);
        }

        return all;
    }

    private static HashSet<string> Set(string words) =>
        new(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
