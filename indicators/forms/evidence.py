"""The small forms of evidence files on the entry and self-evaluation pages: one upload form per line, one removal
form per file. Forms only read what was sent; indicators.services.evidence decides what is stored."""
from django import forms

# The pages a form may come from, and where the clerk is sent back to (never an address taken from the request).
BACK_PAGES = {"entry": "entry:project", "self_evaluation": "self_evaluation:page"}


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(label="文件", error_messages={
        "required": "请选择要上传的文件。", "empty": "所选文件是空的（0 字节）：请上传原始文件。",
        "invalid": "没有收到文件：请重新选择后上传。",
    })
    line = forms.CharField(widget=forms.HiddenInput, error_messages={"required": "页面数据有误：请刷新页面后重试。"})
    back = forms.ChoiceField(choices=[(name, name) for name in BACK_PAGES], widget=forms.HiddenInput, required=False)


class EvidenceRemovalForm(forms.Form):
    reason = forms.CharField(label="移除原因", error_messages={"required": "请填写移除原因。"},
                             widget=forms.TextInput(attrs={"placeholder": "移除原因（必填）", "size": 18}))
    back = forms.ChoiceField(choices=[(name, name) for name in BACK_PAGES], widget=forms.HiddenInput, required=False)
